import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inject, injectable, type Container, type ContainerModule } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';
import { TOKENS } from '../tokens.js';
import type { Workspace } from '../workspace/Workspace.js';
import type { ModuleLoader } from './ModuleLoader.js';

/** Names the workspace plug-in module may have, in the order they are looked for. */
export const WORKSPACE_PLUGIN_FILES = ['dropline.plugins.ts', 'dropline.plugins.mts', 'dropline.plugins.js', 'dropline.plugins.mjs'];

function isContainerModule(value: unknown): value is ContainerModule {
  return typeof value === 'object' && value !== null && typeof (value as ContainerModule).load === 'function' && typeof (value as ContainerModule).id === 'number';
}

/**
 * Loads plug-in modules into the container before any stage is built: the
 * workspace's `dropline.plugins.ts` and the `plugins:` a definition lists. Each
 * exports a ContainerModule (default export, or several as `plugins`) that may
 * add source types, rebind a stage, or bind lifecycle hooks.
 */
@injectable()
export class PluginLoader {
  constructor(
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.ModuleLoader) private readonly modules: ModuleLoader,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  /** Plug-in files for a command: the workspace's own, then a definition's `plugins:`. */
  files(definitionPlugins: string[] = []): { path: string; setting: string }[] {
    const own = WORKSPACE_PLUGIN_FILES.find((f) => existsSync(join(this.workspace.root, f)));
    return [...(own ? [{ path: own, setting: 'plug-in file' }] : []), ...definitionPlugins.map((path) => ({ path, setting: 'plugins' }))];
  }

  async load(container: Container, files: { path: string; setting: string }[], definitionFile: string): Promise<void> {
    for (const { path, setting } of files) {
      const where = setting === 'plugins' ? definitionFile : path;
      const module = await this.modules.import(path, setting, where);
      const exported = module.default ?? module.plugins;
      const list = Array.isArray(exported) ? exported : [exported];
      if (list.length === 0 || !list.every(isContainerModule)) {
        throw new DroplineError('PLUGIN_INVALID', `${where}: ${setting} "${path}" must export a ContainerModule as default (or a list of them as "plugins")`, { file: where });
      }
      await container.loadAsync(...list);
      this.logger.debug(`loaded plug-in ${path}`, { modules: list.length });
    }
  }
}
