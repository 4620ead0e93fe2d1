/* libtlrt: the runtime library of code compiled by tlc. Plain C ABI. */
#ifndef TLRT_H
#define TLRT_H

#ifdef __cplusplus
extern "C" {
#endif

/* Threads that tlc-compiled code uses for large contractions (through
 * LLVM's OpenMP runtime). All cores by default; the environment variable
 * TLRT_NUM_THREADS, read when the library loads, or this call sets it.
 * n < 1 restores the default. Applies to the calling thread's later calls
 * of NAME_run (OpenMP's per-thread setting). */
void tlrt_set_num_threads(int n);
/* The number of threads the next NAME_run on this thread may use. */
int tlrt_get_num_threads(void);

#ifdef __cplusplus
}
#endif

#endif /* TLRT_H */
