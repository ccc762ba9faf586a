import { expect } from 'chai';
import type { ModuleLoader } from '../../../src/plugins/ModuleLoader.js';
import { PluginRegistry } from '../../../src/plugins/PluginRegistry.js';
import { expectDroplineError } from '../../helpers/expectError.js';

class Complete {
  read(): void {}
  write(): void {}
}
class Partial {
  read(): void {}
}
type AnyClass = new () => unknown;

const KIND = { name: 'Thing', base: 'BaseThing', methods: ['read', 'write'] };

/** A ModuleLoader that returns `module` for any path. */
const loaderOf = (module: Record<string, unknown>): ModuleLoader => ({ import: async () => module }) as unknown as ModuleLoader;

describe('PluginRegistry', () => {
  let registry: PluginRegistry<AnyClass>;

  beforeEach(() => {
    registry = new PluginRegistry<AnyClass>(KIND, loaderOf({ default: Complete, Other: Partial }));
    registry.register('complete', Complete);
    registry.register('partial', Partial);
  });

  describe('.knownTypes()', () => {
    it('should list the registered types in order', () => {
      expect(registry.knownTypes()).to.deep.equal(['complete', 'partial']);
    });
  });

  describe('.classFor()', () => {
    it('should return the class registered for the type', async () => {
      expect(await registry.classFor({ type: 'partial' }, 'things[0]', 'pipelines/p.yaml', 'p')).to.equal(Partial);
    });

    it('should prefer the default export of the module the entry names', async () => {
      expect(await registry.classFor({ type: 'partial', module: 'x.ts' }, 'things[0]', 'pipelines/p.yaml', 'p')).to.equal(Complete);
    });

    describe('when the type is not known', () => {
      it('should fail with DEFINITION_INVALID naming the key, the nearest type and the known ones', async () => {
        const error = await expectDroplineError(() => registry.classFor({ type: 'complet' }, 'things[0]', 'pipelines/p.yaml', 'p'), {
          code: 'DEFINITION_INVALID',
          message: 'pipelines/p.yaml: things[0].type "complet" is not known; did you mean "complete"? (known: complete, partial; or name your own class with things[0].module)',
        });
        expect(error.context).to.include({ key: 'things[0].type', pipeline: 'p' });
      });
    });

    describe('when the module exports several classes and no default', () => {
      it('should fail with PLUGIN_INVALID listing the classes', async () => {
        const two = new PluginRegistry<AnyClass>(KIND, loaderOf({ A: Complete, B: Partial }));
        await expectDroplineError(() => two.classFor({ type: 'x', module: 'x.ts' }, 'source', 'pipelines/p.yaml', 'p'), {
          code: 'PLUGIN_INVALID',
          message: 'pipelines/p.yaml: source.module "x.ts" must export its Thing class as default (classes exported: A, B)',
        });
      });
    });
  });

  describe('.checkImplements()', () => {
    it('should accept an instance with every method', () => {
      expect(() => registry.checkImplements(new Complete(), Complete, 'things[0]', 'things[0]', 'pipelines/p.yaml', 'p')).not.to.throw();
    });

    it('should refuse an instance missing a method, naming it and the base class to extend', async () => {
      await expectDroplineError(() => registry.checkImplements(new Partial(), Partial, 'things[0]', 'things[0]', 'pipelines/p.yaml', 'p'), {
        code: 'PLUGIN_INVALID',
        message: 'pipelines/p.yaml: things[0]: class Partial does not implement Thing (missing: write); extend BaseThing from "dropline-cli"',
      });
    });
  });
});
