/** The example render() of the frame reference: a track, a goal, the agent and a label. */
const EXAMPLE = `render() {
  return {
    // The world rectangle drawn on the canvas (y points up; the canvas keeps its aspect ratio).
    viewport: { xMin: -1, xMax: 11, yMin: -1, yMax: 1 },
    shapes: [
      { kind: 'line', points: [[0, 0], [10, 0]], stroke: '#888888', width: 0.05 },
      { kind: 'polygon', points: [[9.8, -0.2], [10.2, -0.2], [10.2, 0.2], [9.8, 0.2]], fill: '#2e7d32' },
      { kind: 'circle', center: [x, 0], radius: 0.3, fill: '#1565c0', stroke: '#0d47a1' },
      { kind: 'text', at: [0, 0.6], text: \`x = \${x}\`, fill: '#000000', size: 0.3 },
    ],
  };
}`;

/** What render() must return: the frame format, every shape kind with its fields, and an example. */
export function RenderFrameDoc() {
  return (
    <details data-testid="render-frame-doc">
      <summary>What render() returns: the frame format</summary>
      <p className="small">
        A frame is <code>{'{ viewport, shapes }'}</code> in world coordinates. <code>viewport</code> is{' '}
        <code>{'{ xMin, xMax, yMin, yMax }'}</code>, finite numbers with <code>xMin &lt; xMax</code> and{' '}
        <code>yMin &lt; yMax</code>. <code>shapes</code> is an array drawn in order (later on top); a point is{' '}
        <code>[x, y]</code> of finite numbers; colours are CSS colours such as <code>'#1565c0'</code>.
      </p>
      <table className="small">
        <thead>
          <tr>
            <th>kind</th>
            <th>fields (optional ones marked ?)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <code>'line'</code>
            </td>
            <td>
              <code>points</code> (2 or more), <code>stroke</code>, <code>width</code> (world units)
            </td>
          </tr>
          <tr>
            <td>
              <code>'polygon'</code>
            </td>
            <td>
              <code>points</code> (2 or more), <code>fill</code>, <code>stroke?</code>
            </td>
          </tr>
          <tr>
            <td>
              <code>'circle'</code>
            </td>
            <td>
              <code>center</code> (a point), <code>radius</code> (≥ 0), <code>fill</code>,{' '}
              <code>stroke?</code>
            </td>
          </tr>
          <tr>
            <td>
              <code>'text'</code>
            </td>
            <td>
              <code>at</code> (a point), <code>text</code> (a string), <code>fill</code>, <code>size</code>{' '}
              (world units)
            </td>
          </tr>
        </tbody>
      </table>
      <pre className="code-block">{EXAMPLE}</pre>
    </details>
  );
}
