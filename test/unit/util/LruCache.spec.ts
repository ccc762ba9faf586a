import { expect } from 'chai';
import { LruCache } from '../../../src/util/LruCache.js';

describe('LruCache', () => {
  let cache: LruCache<string, number>;
  beforeEach(() => {
    cache = new LruCache(2);
  });

  describe('.set()', () => {
    it('should evict the least recently used entry when full', () => {
      cache.set('a', 1);
      cache.set('b', 2);
      cache.set('c', 3);
      expect([cache.get('a'), cache.get('b'), cache.get('c')]).to.deep.equal([undefined, 2, 3]);
    });

    it('should count a get as a use', () => {
      cache.set('a', 1);
      cache.set('b', 2);
      cache.get('a');
      cache.set('c', 3);
      expect([cache.get('a'), cache.get('b')]).to.deep.equal([1, undefined]);
    });

    it('should replace the value of a key already there without growing', () => {
      cache.set('a', 1);
      cache.set('a', 5);
      expect(cache.size).to.equal(1);
      expect(cache.get('a')).to.equal(5);
    });
  });

  describe('constructor', () => {
    it('should refuse a capacity below one', () => {
      expect(() => new LruCache(0)).to.throw(RangeError, /at least 1/);
    });
  });
});
