export { generateDeclarations } from './generate';
export {
  readLiveConfiguration,
  type LiveBinding,
  type LiveCallbacks,
  type LiveConfiguration,
  type UnboundNumber,
  type UnreadableCallbacks,
} from './reading';
export { callbacksResourceName, numberResourceName, renderDeclarations } from './rendering';
