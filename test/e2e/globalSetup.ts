import { buildRendererForWeb } from '../harness/server';

/** Builds the renderer once for every end-to-end file. */
export default async function setup(): Promise<void> {
  await buildRendererForWeb();
}
