/** Taxi's map: `|` is a wall between two cells, `:` an open side; R, G, Y, B are the four stands. */
export const TAXI_MAP = [
  '+---------+',
  '|R: | : :G|',
  '| : | : : |',
  '| : : : : |',
  '| | : | : |',
  '|Y| : |B: |',
  '+---------+',
] as const;

/** The stands' (row, col), in the order of Gymnasium's passenger and destination indices: R, G, Y, B. */
export const TAXI_LOCATIONS: readonly (readonly [number, number])[] = [
  [0, 0],
  [0, 4],
  [4, 0],
  [4, 3],
];

/** Passenger index meaning "in the taxi". */
export const IN_TAXI = 4;

/** A Taxi state's parts. */
export interface TaxiState {
  taxiRow: number;
  taxiCol: number;
  /** 0–3: waiting at that stand; 4: in the taxi. */
  passenger: number;
  /** 0–3: the stand to deliver to. */
  destination: number;
}

/** Gymnasium's encoding: ((taxiRow·5 + taxiCol)·5 + passenger)·4 + destination. */
export function encodeTaxi(t: TaxiState): number {
  return ((t.taxiRow * 5 + t.taxiCol) * 5 + t.passenger) * 4 + t.destination;
}

/** The parts of Taxi state `s` (inverse of `encodeTaxi`). */
export function decodeTaxi(s: number): TaxiState {
  return {
    destination: s % 4,
    passenger: Math.floor(s / 4) % 5,
    taxiCol: Math.floor(s / 20) % 5,
    taxiRow: Math.floor(s / 100),
  };
}

/** Whether the taxi can drive from (row, col) one cell east (`side` 1) or west (`side` −1). */
export function taxiSideOpen(row: number, col: number, side: 1 | -1): boolean {
  return TAXI_MAP[1 + row]![2 * col + 1 + side] === ':';
}
