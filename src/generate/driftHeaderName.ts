import type { Faker } from '@faker-js/faker';

const DIGIT = /\p{Nd}/u;

/** Parts common column names are glued from, so `timestamp` can drift to `Time Stamp`. */
const WORDS = new Set([
  'account',
  'amount',
  'at',
  'birth',
  'city',
  'code',
  'country',
  'created',
  'customer',
  'date',
  'day',
  'email',
  'end',
  'event',
  'first',
  'id',
  'item',
  'key',
  'last',
  'modified',
  'name',
  'number',
  'order',
  'phone',
  'post',
  'price',
  'product',
  'record',
  'ref',
  'source',
  'stamp',
  'start',
  'status',
  'time',
  'total',
  'type',
  'updated',
  'user',
  'value',
  'zip',
]);

/**
 * A header as a careless exporter might write it, still recognisable to a fuzzy
 * matcher: `ID`, ` Id `, `Description`, `descripton`, `Time Stamp`, `time_stamp`,
 * `TimeStamp`. Never returns the name unchanged.
 */
export function driftHeaderName(faker: Faker, name: string): string {
  const words = splitWords(name);
  const title = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
  const variants = new Set([name.toUpperCase(), title, ` ${title} `, words.join('_'), title.replace(/ /g, '')]);
  if (name.length >= 8) {
    // One letter dropped from the middle: 1 edit in 8+ letters stays above a 0.8 similarity. Never a digit, nor
    // what separates two: the matcher refuses names whose numbers differ (`q2_sales` is not `q_sales`).
    const at = faker.number.int({ min: 1, max: name.length - 2 });
    const numeric = DIGIT.test(name[at]!) || (DIGIT.test(name[at - 1]!) && DIGIT.test(name[at + 1]!));
    if (!numeric) variants.add(name.slice(0, at) + name.slice(at + 1));
  }
  variants.delete(name);
  return faker.helpers.arrayElement([...variants]);
}

/** `time_stamp`, `timeStamp`, `Time Stamp` and `timestamp` all give ['time', 'stamp']. */
function splitWords(name: string): string[] {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_\-.]+/)
    .filter((w) => w.length > 0);
  if (words.length !== 1) return words.length > 0 ? words : [name];
  const word = words[0]!;
  for (let i = 2; i <= word.length - 2; i++) {
    if (WORDS.has(word.slice(0, i)) && WORDS.has(word.slice(i))) return [word.slice(0, i), word.slice(i)];
  }
  return words;
}
