// GATHER: slices of input 0 along `axis` picked by the INT32/INT64 indices in input 1; the output
// shape is params[:axis] + indices[batch_dims:] + params[axis + 1:]. With batch_dims, the first
// batch_dims dimensions of params and indices are shared. An index outside [0, params[axis]) is
// an eval error, as in TFLite.
#include <algorithm>
#include <cstring>

#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Gather : public ValueShapedKernel {
 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 2, 1));
    const Tensor* params = ctx.input(0);
    const Tensor* indices = ctx.input(1);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, params, "the params", kMovableTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, indices, "the indices", kIndexTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckOutputType(ctx, 0, params->type));
    const auto* o = ctx.options<tflite::GatherOptions>();
    const int rank = static_cast<int>(params->shape.size()), irank = static_cast<int>(indices->shape.size());
    LITESCOPE_RETURN_IF_ERROR(ResolveAxis(ctx, o != nullptr ? o->axis() : 0, rank, &axis_));
    batch_dims_ = o != nullptr ? o->batch_dims() : 0;
    if (batch_dims_ < 0) batch_dims_ += irank;
    if (batch_dims_ < 0 || batch_dims_ > irank || batch_dims_ > axis_) {
      return ctx.Error("batch_dims " + std::to_string(o->batch_dims()) + " must be in [0, " +
                       std::to_string(std::min(irank, axis_)) + "] (indices rank " + std::to_string(irank) + ", axis " +
                       std::to_string(axis_) + ")");
    }
    for (int d = 0; d < batch_dims_; ++d) {
      if (params->shape[static_cast<size_t>(d)] != indices->shape[static_cast<size_t>(d)]) {
        return ctx.Error("batch dimension " + std::to_string(d) + " differs: params " + ShapeString(params->shape) +
                         ", indices " + ShapeString(indices->shape));
      }
    }
    return Status::Ok();
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    const Shape& p = ctx.input(0)->shape;
    const Shape& i = ctx.input(1)->shape;
    Shape shape(p.begin(), p.begin() + axis_);
    shape.insert(shape.end(), i.begin() + batch_dims_, i.end());
    shape.insert(shape.end(), p.begin() + axis_ + 1, p.end());
    out->push_back(std::move(shape));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Tensor& params = *ctx.input(0);
    const Shape& p = params.shape;
    std::vector<int64_t> idx;
    LITESCOPE_RETURN_IF_ERROR(ReadInts(ctx, *ctx.input(1), "the indices", &idx));
    const int64_t axis_size = p[static_cast<size_t>(axis_)];
    for (int64_t v : idx) {
      if (v < 0 || v >= axis_size) {
        return ctx.Error("index " + std::to_string(v) + " is out of range [0, " + std::to_string(axis_size) +
                         ") of axis " + std::to_string(axis_));
      }
    }
    const int64_t batches = DimProduct(p, 0, static_cast<size_t>(batch_dims_));
    const int64_t outer = DimProduct(p, static_cast<size_t>(batch_dims_), static_cast<size_t>(axis_));
    const size_t inner = static_cast<size_t>(DimProduct(p, static_cast<size_t>(axis_) + 1, p.size())) * ElementSize(params.type);
    const int64_t coords = batches == 0 ? 0 : static_cast<int64_t>(idx.size()) / batches;
    const uint8_t* src = params.raw();
    uint8_t* dst = ctx.output(0)->raw();
    for (int64_t b = 0; b < batches; ++b) {
      for (int64_t o = 0; o < outer; ++o) {
        const uint8_t* base = src + static_cast<size_t>((b * outer + o) * axis_size) * inner;
        for (int64_t c = 0; c < coords; ++c) {
          if (inner != 0) std::memcpy(dst, base + static_cast<size_t>(idx[static_cast<size_t>(b * coords + c)]) * inner, inner);
          dst += inner;
        }
      }
    }
    return Status::Ok();
  }

 private:
  int axis_ = 0, batch_dims_ = 0;
};

}  // namespace

std::unique_ptr<Kernel> MakeGather() { return Make<Gather>(); }

}  // namespace litescope
