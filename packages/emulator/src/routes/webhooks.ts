import { validateRequest } from "../pipeline/validate";
import type { RouteModule } from "./deps";
import { json } from "./responses";

/** webhooks.default.secret.get */
export const webhookRoutes: RouteModule = (app, deps) => {
  app.get("/webhooks/default/secret", validateRequest("webhooks.default.secret.get"), () =>
    json({ key: deps.webhookSecret() }),
  );
};
