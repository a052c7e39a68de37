/** Explicit host lists of the request: ignored hosts never pass; with a force list only its hosts pass. */
import type { Filter } from "../types.js";

export const hostListFilter: Filter = {
  name: "host-list",
  indexForm: "host-list",
  check: (request, _view, host) => {
    if (request.ignoreHosts?.has(host) === true) return "host ignored";
    if (request.forceHosts !== undefined && !request.forceHosts.has(host)) return "host not in force list";
    return null;
  },
};
