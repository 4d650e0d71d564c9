// V8's sampling profiler (the samples `node --cpu-prof` takes), run only during a timed run of a
// benchmark server process, not during its start-up or the preparation of requests.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

let session: Session | undefined;

export async function startProfiler(): Promise<void> {
  if (session === undefined) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
  }
  await session.post('Profiler.start');
}

/** Stops the run's profile and writes it to `file` (a `.cpuprofile`). */
export async function stopProfiler(file: string): Promise<void> {
  if (session === undefined) throw new Error('The profiler was not started');
  const { profile } = await session.post('Profiler.stop');
  await writeFile(file, JSON.stringify(profile));
}
