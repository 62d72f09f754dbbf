export { generateAs, generateDeclarations } from './generate';
export { FORMATS, render, type Format, type Rendered } from './formats';
export {
  readLiveConfiguration,
  type LiveBinding,
  type LiveCallbacks,
  type LiveConfiguration,
  type UnboundNumber,
  type UnreadableCallbacks,
} from './reading';
export { renderDeclarations } from './rendering';
