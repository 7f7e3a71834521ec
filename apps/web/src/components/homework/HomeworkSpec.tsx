import 'katex/dist/katex.min.css';
import type { HomeworkCheckView } from '~/lib/client/api-contract';
import { HomeworkFunctions } from './HomeworkFunctions';
import { renderFormula } from './render-formula';

/** A homework's functions with their formulas typeset on the server (KaTeX) and a language picker. */
export function HomeworkSpec({ checks }: { checks: readonly HomeworkCheckView[] }) {
  return (
    <HomeworkFunctions
      functions={checks.map((c) => ({
        id: c.id,
        title: c.title,
        points: c.points,
        signature: c.signature,
        ...(c.pythonSignature ? { pythonSignature: c.pythonSignature } : {}),
        statement: c.statement,
        ...(c.formula ? { formulaHtml: renderFormula(c.formula) } : {}),
      }))}
    />
  );
}
