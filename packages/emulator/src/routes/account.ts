import { validateRequest } from "../pipeline/validate";
import type { RouteModule } from "./deps";
import { json } from "./responses";

/** account.get */
export const accountRoutes: RouteModule = (app, deps) => {
  app.get("/account", validateRequest("account.get"), () => json(deps.options.account));
};
