// Types for the `edmonds-blossom-fixed` package (CommonJS, ships none): https://www.npmjs.com/package/edmonds-blossom-fixed
declare module 'edmonds-blossom-fixed' {
  /**
   * Maximum-weight matching (Edmonds' blossom algorithm, a port of Van Rantwijk's mwmatching.py).
   * @param edges [vertex i, vertex j, weight] with vertices 0..n−1
   * @param maxCardinality only matchings of maximum cardinality are considered
   * @returns mate[v] = the vertex matched to v, or −1; the array stops at the highest vertex that has an edge
   */
  export default function blossom(edges: [number, number, number][], maxCardinality?: boolean): number[];
}
