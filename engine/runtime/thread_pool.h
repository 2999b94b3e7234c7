// ThreadPool: the one pool of worker threads the interpreter gives every parallel kernel.
// ParallelFor splits [0, n) into at most `threads()` contiguous chunks, runs one on the calling
// thread and the rest on workers, and returns when all are done. Chunk i + 1 always goes to
// worker i, so a kernel that splits its weights the same way at every invoke finds its part in
// the same core's cache.
//
// Workers spin for a short while after each job before they sleep, and so does the caller while
// it waits: a network's kernels call ParallelFor back to back, and waking a sleeping thread costs
// tens of microseconds, about as much as a small layer.
//
//   ThreadPool pool(2);
//   pool.ParallelFor(rows, /*min_chunk=*/16, [&](int64_t begin, int64_t end) {
//     for (int64_t r = begin; r < end; ++r) ComputeRow(r);
//   });
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace litescope {

class ThreadPool {
 public:
  // `threads` counts the calling thread: 1 means no workers.
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Calls fn(begin, end) over disjoint chunks covering [0, n), each at least `min_chunk` long
  // (except when n is smaller). Not reentrant: fn must not call ParallelFor.
  void ParallelFor(int64_t n, int64_t min_chunk, const std::function<void(int64_t, int64_t)>& fn);

 private:
  void WorkerLoop(int index);

  std::vector<std::thread> workers_;
  // Written by ParallelFor before it publishes a new generation; read by workers after.
  const std::function<void(int64_t, int64_t)>* job_ = nullptr;
  std::vector<std::pair<int64_t, int64_t>> chunks_;  // one per worker (empty when n is small)
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> pending_{0};  // workers still running the current generation
  std::atomic<bool> stop_{false};
  std::mutex mutex_;  // for sleeping only
  std::condition_variable work_ready_;
  std::condition_variable work_done_;
};

}  // namespace litescope
