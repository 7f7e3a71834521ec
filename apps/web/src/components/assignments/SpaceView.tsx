import type { SpaceJson } from '~/lib/client/api-contract';

/** A bound as text: 4 significant digits, infinities as ±∞. */
function bound(v: unknown): string {
  if (typeof v === 'number') return String(Number(v.toPrecision(4)));
  if (v === 'inf' || v === '+inf') return '∞';
  if (v === '-inf') return '−∞';
  return String(v);
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** An env space in words: `Discrete(2): actions 0 … 1`, or a Box's shape, dtype and per-dimension bounds. */
export function SpaceView({ space }: { space: SpaceJson }) {
  if (space.type === 'Discrete') {
    const n = Number(space.n);
    const start = Number(space.start ?? 0);
    return (
      <p>
        <code>Discrete({n})</code>: integers {start} … {start + n - 1}
      </p>
    );
  }
  if (space.type === 'Box') {
    const low = list(space.low);
    const high = list(space.high);
    return (
      <div>
        <p>
          <code>
            Box(shape [{list(space.shape).join(', ')}], {String(space.dtype ?? 'float32')})
          </code>
        </p>
        {low.length > 0 && low.length <= 32 && (
          <table className="small">
            <thead>
              <tr>
                <th className="num">dim</th>
                <th className="num">low</th>
                <th className="num">high</th>
              </tr>
            </thead>
            <tbody>
              {low.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a dimension is its index
                <tr key={i}>
                  <td className="num">{i}</td>
                  <td className="num">{bound(l)}</td>
                  <td className="num">{bound(high[i])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    );
  }
  return <pre className="mono">{JSON.stringify(space, null, 2)}</pre>;
}
