import { type Keyset, type PageArgs, keysetFrom } from './pagination';

/**
 * Complexity of a connection field: its children count once per requested row (the default page
 * size when the caller gives none). List fields inside count once (`defaultListMultiplier: 1`).
 */
export function connectionComplexity(defaultSize = 20) {
  return (args: PageArgs) => ({ field: 1, multiplier: Math.max(1, args.first ?? args.last ?? defaultSize) });
}

export function keysetArgs(args: PageArgs, defaultSize = 20, cursorKind: 'uuid' | 'integer' = 'uuid'): Keyset {
  return keysetFrom(args, defaultSize, cursorKind);
}
