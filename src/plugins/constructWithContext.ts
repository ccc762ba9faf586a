import { Container, decorate, inject, injectable, type Newable, type ServiceIdentifier } from 'inversify';

/**
 * Builds a plug-in class (a Source or a Sink) in a small container holding its
 * context and the shared services. A class with no decorators of its own is
 * made injectable with the context as its first constructor argument (what
 * BaseSource and BaseSink expect); decorations already present win.
 */
export function constructWithContext<T>(cls: Newable<T>, context: [ServiceIdentifier, unknown], shared: [ServiceIdentifier, unknown][]): T {
  try {
    decorate(injectable(), cls);
  } catch {
    // already @injectable()
  }
  try {
    decorate(inject(context[0]), cls, 0);
  } catch {
    // the class declares its own first argument
  }
  const container = new Container();
  for (const [token, value] of [context, ...shared]) container.bind(token).toConstantValue(value);
  container.bind<T>(cls).toSelf();
  return container.get<T>(cls);
}
