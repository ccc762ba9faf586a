/**
 * Node module-resolution hooks for user modules (custom sources, plug-ins):
 * a bare import that does not resolve from the user's workspace (`dropline`,
 * `inversify`, ...) is resolved as if imported from dropline itself, so a
 * workspace needs no node_modules of its own and shares dropline's instances.
 */
interface ResolveContext {
  parentURL?: string;
  conditions: string[];
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;

let fallbackParent = '';

export function initialize(data: { fallbackParent: string }): void {
  fallbackParent = data.fallbackParent;
}

const isBare = (s: string): boolean => !/^(\.{1,2}\/|\/|[a-zA-Z][a-zA-Z0-9+.-]*:)/.test(s);

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<{ url: string }> {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (!isBare(specifier) || context.parentURL === fallbackParent) throw err;
    return next(specifier, { ...context, parentURL: fallbackParent });
  }
}
