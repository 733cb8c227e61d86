// `npm run messages`: compiles messages/*.json with the same options as the Vite plugin.
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.config.js';

await compile(paraglideOptions);
