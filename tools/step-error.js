// An error that names the tool step it happened in, so the CLI can report
// one readable line ("build failed at compile: …") instead of a stack dump.
export class StepError extends Error {
  /**
   * @param {string} step    compile | embed | component | run | setup | options
   * @param {string} message one line
   * @param {string} [details] longer text shown above the one line (compiler diagnostics)
   */
  constructor(step, message, details) {
    super(message);
    this.step = step;
    this.details = details;
  }
}
