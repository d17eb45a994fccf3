import type { Context } from "hono";
import type { EmulatorEnv } from "../pipeline/context";
import { ApiProblem, notFound } from "../problem";
import type { EmulatorStore } from "../store/index";
import type { ModelRecord } from "../store/models";
import type { VersionRecord } from "../store/versions";

/** The origin the client reached the emulator at; URLs in answers use it. */
export function originOf(c: Context<EmulatorEnv>): string {
  return new URL(c.req.url).origin;
}

/** The validated body of the request, as the type the spec gives it. */
export function bodyOf<T>(c: Context<EmulatorEnv>): T {
  return c.get("input").body as T;
}

/**
 * A path parameter by its spec name, as hono decoded it. It is not decoded again: `%25zz` names
 * the id `%zz`, and a malformed escape such as `%ff` is kept as it came (and matches nothing).
 */
export function param(c: Context<EmulatorEnv>, name: string): string {
  const value = c.get("input").params[name];
  if (value === undefined) throw new Error(`The route has no path parameter ${name}.`);
  return value;
}

/** A JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** An answer with no body (204, 202). */
export function empty(status: number): Response {
  return new Response(null, { status });
}

/** The model `owner/name`, or a 404. */
export function requireModel(store: EmulatorStore, owner: string, name: string): ModelRecord {
  const model = store.models.get(owner, name);
  if (!model) throw notFound(`Model ${owner}/${name} not found.`);
  return model;
}

/** A version of the model, or a 404. */
export function requireVersion(
  store: EmulatorStore,
  model: ModelRecord,
  versionId: string,
): VersionRecord {
  const version = store.versions.get(versionId);
  if (!version || version.model.toLowerCase() !== `${model.owner}/${model.name}`.toLowerCase()) {
    throw notFound(`Version ${versionId} of ${model.owner}/${model.name} not found.`);
  }
  return version;
}

/** 403 unless the account owns the model (it created it through the API). */
export function requireOwnership(model: ModelRecord, action: string): void {
  if (!model.ownedByAccount) {
    throw new ApiProblem(
      403,
      `You can only ${action} models you own; ${model.owner}/${model.name} is not yours.`,
    );
  }
}
