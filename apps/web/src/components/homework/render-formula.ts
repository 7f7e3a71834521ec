import katex from 'katex';

/**
 * A formula in LaTeX as KaTeX HTML (with MathML for screen readers), rendered on the server; a
 * formula KaTeX cannot parse comes back as its source in a red error span, never a thrown error.
 */
export function renderFormula(latex: string): string {
  return katex.renderToString(latex, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
}
