// SPACE_TO_BATCH_ND: the input is zero-padded (the zero point for quantized tensors), then each
// block_shape block of pixels is spread over the batch: output batch (by * bw + bx) * B + b holds
// pixel (oy * bh + by, ox * bw + bx) of padded batch b.
#include <array>
#include <cstring>

#include "engine/kernels/internal/space_batch.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class SpaceToBatchNd : public ValueShapedKernel {
 public:
  SpaceToBatchNd() : ValueShapedKernel({1, 2}) {}

 protected:
  Status Check(OpContext& ctx) override { return SpaceBatch::Check(ctx, "paddings"); }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    LITESCOPE_RETURN_IF_ERROR(g_.Read(ctx, "paddings"));
    const int64_t ph = g_.h + g_.before_h + g_.after_h, pw = g_.w + g_.before_w + g_.after_w;
    if (ph % g_.bh != 0 || pw % g_.bw != 0) {
      return ctx.Error("the padded size " + std::to_string(ph) + "x" + std::to_string(pw) +
                       " is not a multiple of the block " + std::to_string(g_.bh) + "x" + std::to_string(g_.bw));
    }
    LITESCOPE_RETURN_IF_ERROR(CheckDim(ctx, g_.batch * g_.bh * g_.bw, "the output batch"));
    out->push_back(SpaceBatch::OutShape(*ctx.input(0), g_.batch * g_.bh * g_.bw, ph / g_.bh, pw / g_.bw, g_.c));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    const Tensor& out = *ctx.output(0);
    const size_t elem = ElementSize(in.type), pixel = static_cast<size_t>(g_.c) * elem;
    const std::array<uint8_t, 8> zero = ZeroBytes(out);
    const int64_t oh = (g_.h + g_.before_h + g_.after_h) / g_.bh, ow = (g_.w + g_.before_w + g_.after_w) / g_.bw;
    uint8_t* dst = ctx.output(0)->raw();
    for (int64_t by = 0; by < g_.bh; ++by) {
      for (int64_t bx = 0; bx < g_.bw; ++bx) {
        for (int64_t b = 0; b < g_.batch; ++b) {
          for (int64_t y = 0; y < oh; ++y) {
            const int64_t iy = y * g_.bh + by - g_.before_h;
            for (int64_t x = 0; x < ow; ++x, dst += pixel) {
              const int64_t ix = x * g_.bw + bx - g_.before_w;
              if (iy < 0 || iy >= g_.h || ix < 0 || ix >= g_.w) {
                for (size_t i = 0; i < pixel; i += elem) std::memcpy(dst + i, zero.data(), elem);
              } else if (pixel != 0) {
                std::memcpy(dst, in.raw() + static_cast<size_t>((b * g_.h + iy) * g_.w + ix) * pixel, pixel);
              }
            }
          }
        }
      }
    }
    return Status::Ok();
  }

 private:
  SpaceBatch g_;
};

}  // namespace

std::unique_ptr<Kernel> MakeSpaceToBatchNd() { return Make<SpaceToBatchNd>(); }

}  // namespace litescope
