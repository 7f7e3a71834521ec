import { isPythonEnvId } from '@critic/envs';
import { BackLink } from '~/components/layout/BackLink';
import { PythonReplay } from '~/components/replay/PythonReplay';
import { ReplayPlayer } from '~/components/replay/ReplayPlayer';
import { api, apiGet } from '~/lib/server-api';
import { FramesPlayer } from '../../../_components/FramesPlayer';

/** One graded episode of a project: a custom env's frames drawn by its own render() in the sandbox, or a registered env's replay. */
export default async function ProjectReplayPage({
  params,
}: {
  params: Promise<{ courseId: string; evaluationId: string; index: string }>;
}) {
  const { courseId, evaluationId, index } = await params;
  const episode = api.evaluations[':evaluationId'].episodes[':index'];
  const param = { evaluationId, index };
  const here = `/courses/${courseId}/projects/replay/${evaluationId}/${index}`;
  const t = await apiGet(episode.trajectory.$get({ param }), here);
  const custom = t.env.startsWith('custom/');
  // A group's Python env renders rgb_array frames on the server (a GIF); a JS env draws its own frames.
  const envs = custom
    ? await apiGet(api.courses[':courseId']['custom-envs'].$get({ param: { courseId } }), here)
    : [];
  const python = isPythonEnvId(t.env) || envs.some((e) => e.envId === t.env && e.language === 'python');
  const drawn = custom && !python ? await apiGet(episode.frames.$get({ param }), here) : undefined;
  return (
    <main>
      <BackLink href={`/courses/${courseId}/projects/board`}>cross-project board</BackLink>
      <h1>
        Replay: <code>{t.env}</code>, seed {t.seed}
      </h1>
      {drawn ? (
        <FramesPlayer frames={drawn.frames} />
      ) : python ? (
        <PythonReplay evaluationId={evaluationId} index={Number(index)} envId={t.env} />
      ) : (
        <ReplayPlayer envId={t.env} seed={t.seed} actions={t.actions} />
      )}
    </main>
  );
}
