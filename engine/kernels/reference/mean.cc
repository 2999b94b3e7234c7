// MEAN, float32: the average over the axes in input 1 (negative axes count from the end; a
// repeated axis counts once), keeping reduced dimensions as 1 with keep_dims.
#include <vector>

#include "engine/kernels/internal/checks.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Mean : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckFloat32(ctx, {0}));
    const Tensor* axes = ctx.input(1);
    if (axes == nullptr || axes->type != tflite::TensorType_INT32) return ctx.Error("the axes must be INT32");
    const auto* o = ctx.options<tflite::ReducerOptions>();
    keep_dims_ = o != nullptr && o->keep_dims();
    if (!ctx.input_is_constant(1)) {
      ctx.SetOutputDynamic(0);
      return Status::Ok();
    }
    Shape out;
    LITESCOPE_RETURN_IF_ERROR(Reduce(ctx, &out));
    return ctx.ResizeOutput(0, std::move(out));
  }

  Status Eval(OpContext& ctx) override {
    if (!ctx.input_is_constant(1)) {
      Shape out;
      LITESCOPE_RETURN_IF_ERROR(Reduce(ctx, &out));
      LITESCOPE_RETURN_IF_ERROR(ctx.ResizeDynamicOutput(0, std::move(out)));
    }
    const Tensor& input = *ctx.input(0);
    const Shape& in = input.shape;
    const size_t rank = in.size();
    // Output stride of every input dimension (0 for reduced ones).
    std::vector<int64_t> out_stride(rank, 0);
    int64_t stride = 1, count = 1;
    for (size_t d = rank; d-- > 0;) {
      if (reduced_[d]) {
        count *= in[d];
      } else {
        out_stride[d] = stride;
        stride *= in[d];
      }
    }
    Tensor& output = *ctx.output(0);
    float* y = output.data<float>();
    std::fill(y, y + output.elements(), 0.0f);
    const float* x = input.data<float>();
    std::vector<int32_t> idx(rank, 0);
    int64_t o = 0;
    for (int64_t i = 0, n = input.elements(); i < n; ++i) {
      y[o] += x[i];
      for (size_t d = rank; d-- > 0;) {
        ++idx[d];
        o += out_stride[d];
        if (idx[d] < in[d]) break;
        o -= out_stride[d] * in[d];
        idx[d] = 0;
      }
    }
    if (count > 0) {
      for (int64_t i = 0; i < output.elements(); ++i) y[i] /= static_cast<float>(count);
    }
    return Status::Ok();
  }

 private:
  // Marks the reduced dimensions and gives the output shape.
  Status Reduce(const OpContext& ctx, Shape* out) {
    const Shape& in = ctx.input(0)->shape;
    const Tensor& axes = *ctx.input(1);
    const int rank = static_cast<int>(in.size());
    reduced_.assign(in.size(), false);
    for (int64_t i = 0; i < axes.elements(); ++i) {
      int a = axes.data<int32_t>()[i];
      if (a < -rank || a >= rank) {
        return ctx.Error("axis " + std::to_string(a) + " is out of range for rank " + std::to_string(rank));
      }
      reduced_[static_cast<size_t>(a < 0 ? a + rank : a)] = true;
    }
    out->clear();
    for (size_t d = 0; d < in.size(); ++d) {
      if (!reduced_[d]) out->push_back(in[d]);
      else if (keep_dims_) out->push_back(1);
    }
    return Status::Ok();
  }

  bool keep_dims_ = false;
  std::vector<bool> reduced_;
};

}  // namespace

std::unique_ptr<Kernel> MakeMean() { return Make<Mean>(); }

}  // namespace litescope
