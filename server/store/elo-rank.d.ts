// Types for the `elo-rank` package (CommonJS, ships none): https://www.npmjs.com/package/elo-rank
declare module 'elo-rank' {
  export default class EloRank {
    constructor(k?: number);
    setKFactor(k: number): void;
    getKFactor(): number;
    /** 1 / (1 + 10^((b − a) / 400)) */
    getExpected(a: number, b: number): number;
    /** round(current + K·(actual − expected)) */
    updateRating(expected: number, actual: number, current: number): number;
  }
}
