/**
 * Node module-resolution hooks for user modules (custom sources, plug-ins): a
 * bare import that does not resolve from the user's workspace (`dropline-cli`,
 * `inversify`, ...) is resolved as if imported from dropline's own package, so
 * a workspace needs no node_modules of its own and shares dropline's instances.
 * `dropline` (the package's former name, taken on npm by an unrelated
 * package) still resolves to dropline-cli when the workspace has no `dropline`.
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
    const own = specifier === 'dropline' || specifier.startsWith('dropline/') ? 'dropline-cli' + specifier.slice(8) : specifier;
    return next(own, { ...context, parentURL: fallbackParent });
  }
}
`;

export const RESOLVE_HOOKS_URL = `data:text/javascript,${encodeURIComponent(HOOKS)}`;
