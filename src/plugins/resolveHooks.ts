/**
 * Node module-resolution hooks for user modules (custom sources, plug-ins): a
 * bare import that does not resolve from the user's workspace (`dropline`,
 * `inversify`, ...) is resolved as if imported from dropline's own package, so
 * a workspace needs no node_modules of its own and shares dropline's instances.
 * Registered from a data: URL so it works the same from build/ and the bundle.
 */
const HOOKS = `
let fallbackParent = '';
export function initialize(data) { fallbackParent = data.fallbackParent; }
const isBare = (s) => !/^(\\.{1,2}\\/|\\/|[a-zA-Z][a-zA-Z0-9+.-]*:)/.test(s);
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (!isBare(specifier) || context.parentURL === fallbackParent) throw err;
    return next(specifier, { ...context, parentURL: fallbackParent });
  }
}
`;

export const RESOLVE_HOOKS_URL = `data:text/javascript,${encodeURIComponent(HOOKS)}`;
