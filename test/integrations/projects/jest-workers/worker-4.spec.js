/* global require, __filename */
require('./worker-file').defineWorkerFile(__filename)
