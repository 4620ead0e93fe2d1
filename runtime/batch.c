/* libtlrt: NAME_run_batch, N independent requests of one entry point on a
 * pool of threads. Plain pthreads rather than OpenMP: libtlrt is built by
 * the system C compiler, whose OpenMP (libgomp) must not meet LLVM's libomp,
 * which the generated code uses, in one process. Each worker gives its
 * requests an equal share of the OpenMP threads (at least one), so that
 * requests and their inner parallel loops do not oversubscribe the cores. */
#include "internal.h"
#include "tlrt.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

void omp_set_num_threads(int n);

typedef struct {
  tlrt_packed_fn fn;
  int numInputs, numOutputs;
  size_t stride;
  int64_t n;
  const void *const *inputs;
  void *const *outputs;
  char *workspace;
  int32_t *statuses;
  int innerThreads;
  int64_t next; /* the next request to take */
  /* The message of the lowest-index failing request (messages are per
   * thread; the caller gets this one). */
  pthread_mutex_t lock;
  int64_t failedIndex;
  char message[512];
} Batch;

enum { kMaxArgs = 256 };

static void *worker(void *arg) {
  Batch *b = arg;
  omp_set_num_threads(b->innerThreads);
  void *args[kMaxArgs];
  for (;;) {
    int64_t i = __atomic_fetch_add(&b->next, 1, __ATOMIC_RELAXED);
    if (i >= b->n)
      break;
    int k = 0;
    for (int j = 0; j < b->numInputs; ++j)
      args[k++] = (void *)(uintptr_t)b->inputs[i * b->numInputs + j];
    for (int j = 0; j < b->numOutputs; ++j)
      args[k++] = b->outputs[i * b->numOutputs + j];
    args[k] = b->stride ? b->workspace + i * b->stride : NULL;
    tlrt_report_error("");
    b->statuses[i] = b->fn(args);
    const char *message = tlrt_last_error();
    if (b->statuses[i] != 0 && message[0]) {
      pthread_mutex_lock(&b->lock);
      if (b->failedIndex < 0 || i < b->failedIndex) {
        b->failedIndex = i;
        snprintf(b->message, sizeof b->message, "request %lld: %s",
                 (long long)i, message);
      }
      pthread_mutex_unlock(&b->lock);
    }
  }
  return NULL;
}

size_t tlrt_batch_workspace_size(size_t workspace_size, int64_t n) {
  if (n <= 0)
    return 0;
  if (workspace_size > SIZE_MAX - 63)
    return SIZE_MAX;
  size_t stride = (workspace_size + 63) / 64 * 64;
  /* SIZE_MAX where the product does not fit: no allocation succeeds. */
  if (stride && (size_t)n > SIZE_MAX / stride)
    return SIZE_MAX;
  return stride * (size_t)n;
}

int32_t tlrt_run_batch(tlrt_packed_fn fn, int num_inputs, int num_outputs,
                       size_t workspace_size, int64_t n,
                       const void *const *inputs, void *const *outputs,
                       void *workspace, int32_t *statuses) {
  if (!fn || n < 0 || num_inputs < 0 || num_outputs < 0 ||
      num_inputs + num_outputs + 1 > kMaxArgs)
    return tlrt_fail(TLRT_ERROR_ARGUMENT,
                     "tlrt_run_batch: bad arguments (n = %lld, %d inputs, %d "
                     "outputs)",
                     (long long)n, num_inputs, num_outputs);
  if (n == 0)
    return TLRT_OK;
  if (tlrt_batch_workspace_size(workspace_size, n) == SIZE_MAX)
    return tlrt_fail(TLRT_ERROR_ARGUMENT,
                     "tlrt_run_batch: %lld requests of %zu bytes of "
                     "workspace do not fit in memory",
                     (long long)n, workspace_size);
  if ((num_inputs && !inputs) || (num_outputs && !outputs))
    return tlrt_fail(TLRT_ERROR_ARGUMENT,
                     "tlrt_run_batch: NULL inputs or outputs array");
  if (workspace_size && !workspace)
    return tlrt_fail(TLRT_ERROR_NO_WORKSPACE,
                     "tlrt_run_batch: workspace is NULL but %lld requests "
                     "need %zu bytes (tlrt_batch_workspace_size)",
                     (long long)n, tlrt_batch_workspace_size(workspace_size, n));
  int32_t *own = NULL;
  if (!statuses) {
    own = malloc(sizeof(int32_t) * (size_t)n);
    if (!own)
      return tlrt_fail(TLRT_ERROR_ARGUMENT, "tlrt_run_batch: out of memory");
    statuses = own;
  }
  int threads = tlrt_get_num_threads();
  if (threads < 1)
    threads = 1;
  int workers = n < threads ? (int)n : threads;
  Batch b = {fn,
             num_inputs,
             num_outputs,
             workspace_size ? (workspace_size + 63) / 64 * 64 : 0,
             n,
             inputs,
             outputs,
             workspace,
             statuses,
             threads / workers > 0 ? threads / workers : 1,
             0,
             PTHREAD_MUTEX_INITIALIZER,
             -1,
             ""};
  pthread_t pool[workers > 1 ? workers - 1 : 1];
  int started = 0;
  for (int t = 0; t + 1 < workers; ++t)
    if (pthread_create(&pool[started], NULL, worker, &b) == 0)
      ++started;
  /* The caller works too; its OpenMP setting is restored afterwards. */
  int callerThreads = tlrt_get_num_threads();
  worker(&b);
  omp_set_num_threads(callerThreads);
  for (int t = 0; t < started; ++t)
    pthread_join(pool[t], NULL);
  int32_t result = TLRT_OK;
  for (int64_t i = 0; i < n && result == TLRT_OK; ++i)
    result = statuses[i];
  if (result != TLRT_OK && b.failedIndex >= 0)
    tlrt_report_error(b.message);
  free(own);
  return result;
}
