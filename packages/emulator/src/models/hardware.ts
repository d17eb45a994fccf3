/** The hardware SKUs the emulator lists and accepts for models and deployments. */
export const HARDWARE: readonly { name: string; sku: string }[] = [
  { name: "CPU", sku: "cpu" },
  { name: "Nvidia T4 GPU", sku: "gpu-t4" },
  { name: "Nvidia L40S GPU", sku: "gpu-l40s" },
  { name: "2x Nvidia L40S GPU", sku: "gpu-l40s-2x" },
  { name: "Nvidia A100 (80GB) GPU", sku: "gpu-a100-large" },
  { name: "2x Nvidia A100 (80GB) GPU", sku: "gpu-a100-large-2x" },
  { name: "Nvidia H100 GPU", sku: "gpu-h100" },
];

/** Whether `sku` is one of {@link HARDWARE}. */
export function isKnownHardware(sku: string): boolean {
  return HARDWARE.some((h) => h.sku === sku);
}
