import type { Command } from "commander";
import { examples, printItems, printRecord, printResult, withClient } from "../command-kit";
import type { CliIo } from "../io";

/** `replicate-ts account`, `replicate-ts hardware` and `replicate-ts webhooks secret`. */
export function registerAccount(program: Command, io: CliIo): void {
  program
    .command("account")
    .description("Show the account the API token belongs to.")
    .addHelpText("after", examples("replicate-ts account", "replicate-ts account --json"))
    .action((_options: unknown, command: Command) =>
      withClient(command, io, async (context) => {
        printRecord(context, await context.replicate.account.get(), (account) => [
          ["username", account.username],
          ["type", account.type],
          ["name", account.name],
          ["github", account.githubUrl],
        ]);
      }),
    );

  program
    .command("hardware")
    .description("List the hardware SKUs models and deployments can run on.")
    .addHelpText("after", examples("replicate-ts hardware"))
    .action((_options: unknown, command: Command) =>
      withClient(command, io, async (context) => {
        printItems(context, await context.replicate.hardware.list(), {
          none: "No hardware.",
          columns: [
            { header: "sku", value: (item) => item.sku },
            { header: "name", value: (item) => item.name },
          ],
        });
      }),
    );

  const webhooks = program
    .command("webhooks")
    .description("Webhook settings.")
    .addHelpText("after", examples("replicate-ts webhooks secret"));

  webhooks
    .command("secret")
    .description("Print the signing secret (whsec_...) to verify webhook deliveries with.")
    .addHelpText(
      "after",
      examples(
        "replicate-ts webhooks secret",
        "export REPLICATE_WEBHOOK_SECRET=$(replicate-ts webhooks secret)",
      ),
    )
    .action((_options: unknown, command: Command) =>
      withClient(command, io, async (context) => {
        const secret = await context.replicate.webhooks.defaultSecret();
        printResult(context, secret, () => secret.key);
      }),
    );
}
