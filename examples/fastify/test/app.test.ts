// The Fastify example over real HTTP on 127.0.0.1 (see ../../shared/launch_behaviour.ts).
import { describeExample } from '../../shared/launch_behaviour.js';
import { startExample } from '../src/app.js';

describeExample('Fastify', startExample);
