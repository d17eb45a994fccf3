import { HARDWARE } from "../models/hardware";
import { validateRequest } from "../pipeline/validate";
import type { RouteModule } from "./deps";
import { json } from "./responses";

/** hardware.list */
export const hardwareRoutes: RouteModule = (app) => {
  app.get("/hardware", validateRequest("hardware.list"), () => json(HARDWARE));
};
