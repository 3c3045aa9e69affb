// A worker thread starts without its parent's module hooks: load the TypeScript sources through tsx.
import { register } from 'tsx/esm/api'

register()
await import('./writer-thread.ts')
