// BATCH_TO_SPACE_ND: the inverse of SPACE_TO_BATCH_ND: input batch (by * bw + bx) * B + b fills
// pixels (y * bh + by, x * bw + bx) of output batch b, then `crops` are cut off each side.
#include <cstring>

#include "engine/kernels/internal/space_batch.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class BatchToSpaceNd : public ValueShapedKernel {
 public:
  BatchToSpaceNd() : ValueShapedKernel({1, 2}) {}

 protected:
  Status Check(OpContext& ctx) override { return SpaceBatch::Check(ctx, "crops"); }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    LITESCOPE_RETURN_IF_ERROR(g_.Read(ctx, "crops"));
    if (g_.batch % (g_.bh * g_.bw) != 0) {
      return ctx.Error("the batch " + std::to_string(g_.batch) + " is not a multiple of the block size " +
                       std::to_string(g_.bh * g_.bw));
    }
    const int64_t oh = g_.h * g_.bh - g_.before_h - g_.after_h, ow = g_.w * g_.bw - g_.before_w - g_.after_w;
    if (oh < 0 || ow < 0) return ctx.Error("the crops are larger than the output");
    LITESCOPE_RETURN_IF_ERROR(CheckDim(ctx, g_.h * g_.bh, "the output height"));
    LITESCOPE_RETURN_IF_ERROR(CheckDim(ctx, g_.w * g_.bw, "the output width"));
    out->push_back(SpaceBatch::OutShape(*ctx.input(0), g_.batch / (g_.bh * g_.bw), oh, ow, g_.c));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    const size_t pixel = static_cast<size_t>(g_.c) * ElementSize(in.type);
    const int64_t batch = g_.batch / (g_.bh * g_.bw);
    const int64_t oh = g_.h * g_.bh - g_.before_h - g_.after_h, ow = g_.w * g_.bw - g_.before_w - g_.after_w;
    uint8_t* dst = ctx.output(0)->raw();
    if (pixel == 0) return Status::Ok();
    for (int64_t b = 0; b < batch; ++b) {
      for (int64_t y = 0; y < oh; ++y) {
        const int64_t py = y + g_.before_h, by = py % g_.bh, iy = py / g_.bh;
        for (int64_t x = 0; x < ow; ++x, dst += pixel) {
          const int64_t px = x + g_.before_w, bx = px % g_.bw, ix = px / g_.bw;
          const int64_t ib = (by * g_.bw + bx) * batch + b;
          std::memcpy(dst, in.raw() + static_cast<size_t>((ib * g_.h + iy) * g_.w + ix) * pixel, pixel);
        }
      }
    }
    return Status::Ok();
  }

 private:
  SpaceBatch g_;
};

}  // namespace

std::unique_ptr<Kernel> MakeBatchToSpaceNd() { return Make<BatchToSpaceNd>(); }

}  // namespace litescope
