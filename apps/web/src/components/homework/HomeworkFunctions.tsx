'use client';
import { useEffect, useState } from 'react';
import { HOMEWORK_LANGUAGES, type HomeworkLanguage, LANGUAGE_STORAGE_KEY, parseLanguage } from './language';

/** One function of a homework, with its formula already rendered to HTML on the server. */
export interface HomeworkFunction {
  id: string;
  title: string;
  points: number;
  /** The JS/TS signature. */
  signature: string;
  /** The Python `def` (absent from an older API: the JS/TS form is shown). */
  pythonSignature?: string;
  statement: string;
  /** KaTeX HTML of the formula, when the check has one. */
  formulaHtml?: string;
}

/**
 * The functions a homework asks for, each in the language the student picks (Python first, JS/TS
 * second; the choice is remembered in this browser), with the lecture's formula typeset.
 */
export function HomeworkFunctions({ functions }: { functions: readonly HomeworkFunction[] }) {
  const [language, setLanguage] = useState<HomeworkLanguage>('python');
  useEffect(() => {
    setLanguage(parseLanguage(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)));
  }, []);
  function choose(next: HomeworkLanguage) {
    setLanguage(next);
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
  }
  return (
    <div data-testid="homework-functions" data-language={language}>
      <div className="tabs" role="tablist" aria-label="Language">
        {HOMEWORK_LANGUAGES.map((l) => (
          <button
            key={l.id}
            type="button"
            role="tab"
            aria-selected={language === l.id}
            className={language === l.id ? 'language-tab selected' : 'language-tab'}
            onClick={() => choose(l.id)}
          >
            {l.label}
          </button>
        ))}
      </div>
      <p>
        {language === 'python' ? (
          <>
            Define these functions in one Python module (<code>hw.py</code>). Arguments arrive as numpy
            float64 arrays (bool arrays for masks); return a numpy array, a list, a float, a torch tensor or a
            jax array.
          </>
        ) : (
          <>Export these functions from one JS/TS module.</>
        )}
      </p>
      {functions.map((f) => (
        <div key={f.id} className="card homework-function" data-check={f.id}>
          <h3>
            {f.title} <span className="muted small">({f.points} points)</span>
          </h3>
          {f.formulaHtml && (
            // KaTeX output of the catalogue's own formula, rendered on the server
            // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted KaTeX HTML from core's catalogue
            <div className="formula" dangerouslySetInnerHTML={{ __html: f.formulaHtml }} />
          )}
          <pre className="mono signature" data-language={language}>
            {language === 'python' && f.pythonSignature ? f.pythonSignature : f.signature}
          </pre>
          <p className="small">{f.statement}</p>
        </div>
      ))}
    </div>
  );
}
