/**
 * A command piped into `head` or `less` that is closed early gets EPIPE on its next write. That is the
 * reader saying "enough", not a failure: stop quietly instead of printing a stack trace.
 */
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
