// One bundle serves both `main` and `post`: the main step marks its state, and the post
// step (which GitHub runs with the same state) sees the mark.
import * as core from '@actions/core'
import { run } from './main.js'
import { post } from './post.js'

if (core.getState('isPost') === 'true') {
  await post()
} else {
  core.saveState('isPost', 'true')
  await run()
}
