import type { Command } from "commander";
import { examples, printJson, printLine, withClient } from "../command-kit";
import { formatRecord, formatTable } from "../format";
import type { CliIo } from "../io";

/** `replicate-ts account`, `replicate-ts hardware` and `replicate-ts webhooks secret`. */
export function registerAccount(program: Command, io: CliIo): void {
  program
    .command("account")
    .description("Show the account the API token belongs to.")
    .addHelpText("after", examples("replicate-ts account", "replicate-ts account --json"))
    .action((_options: unknown, command: Command) =>
      withClient(command, io, async (context) => {
        const account = await context.replicate.account.get();
        if (context.globals.json) {
          printJson(context.io, account);
          return;
        }
        printLine(
          context.io,
          formatRecord([
            ["username", account.username],
            ["type", account.type],
            ["name", account.name],
            ["github", account.githubUrl],
          ]),
        );
      }),
    );

  program
    .command("hardware")
    .description("List the hardware SKUs models and deployments can run on.")
    .addHelpText("after", examples("replicate-ts hardware"))
    .action((_options: unknown, command: Command) =>
      withClient(command, io, async (context) => {
        const hardware = await context.replicate.hardware.list();
        if (context.globals.json) {
          printJson(context.io, hardware);
          return;
        }
        printLine(
          context.io,
          formatTable(hardware, [
            { header: "sku", value: (item) => item.sku },
            { header: "name", value: (item) => item.name },
          ]),
        );
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
        if (context.globals.json) {
          printJson(context.io, secret);
          return;
        }
        printLine(context.io, secret.key);
      }),
    );
}
