// GATHER_ND: input 1 (INT32/INT64, last dimension k <= params rank) holds index tuples into the
// first k dimensions of input 0; the output shape is indices[:-1] + params[k:]. An index outside
// its dimension is an eval error.
#include <cstring>

#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class GatherNd : public ValueShapedKernel {
 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 2, 1));
    const Tensor* params = ctx.input(0);
    const Tensor* indices = ctx.input(1);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, params, "the params", kMovableTypes));
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, indices, "the indices", {tflite::TensorType_INT16, tflite::TensorType_INT32,
                                                                       tflite::TensorType_INT64}));
    LITESCOPE_RETURN_IF_ERROR(CheckOutputType(ctx, 0, params->type));
    if (params->shape.empty() || indices->shape.empty()) {
      return ctx.Error("params " + ShapeString(params->shape) + " and indices " + ShapeString(indices->shape) +
                       " must have rank >= 1");
    }
    if (indices->shape.back() > static_cast<int32_t>(params->shape.size())) {
      return ctx.Error("index tuples of " + std::to_string(indices->shape.back()) + " values do not fit params of rank " +
                       std::to_string(params->shape.size()));
    }
    return Status::Ok();
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    const Shape& p = ctx.input(0)->shape;
    const Shape& i = ctx.input(1)->shape;
    Shape shape(i.begin(), i.end() - 1);
    shape.insert(shape.end(), p.begin() + i.back(), p.end());
    out->push_back(std::move(shape));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Tensor& params = *ctx.input(0);
    const Tensor& indices = *ctx.input(1);
    const Shape& p = params.shape;
    const size_t k = static_cast<size_t>(indices.shape.back());
    std::vector<int64_t> idx(static_cast<size_t>(indices.elements()));
    if (indices.type == tflite::TensorType_INT16) {
      for (size_t i = 0; i < idx.size(); ++i) idx[i] = indices.data<int16_t>()[i];
    } else {
      LITESCOPE_RETURN_IF_ERROR(ReadInts(ctx, indices, "the indices", &idx));
    }
    const std::vector<int64_t> strides = ContiguousStrides(p);
    const size_t slice = static_cast<size_t>(DimProduct(p, k, p.size())) * ElementSize(params.type);
    const size_t tuples = k == 0 ? static_cast<size_t>(DimProduct(indices.shape, 0, indices.shape.size() - 1)) : idx.size() / k;
    uint8_t* dst = ctx.output(0)->raw();
    for (size_t t = 0; t < tuples; ++t) {
      int64_t from = 0;
      for (size_t d = 0; d < k; ++d) {
        const int64_t v = idx[t * k + d];
        if (v < 0 || v >= p[d]) {
          return ctx.Error("index " + std::to_string(v) + " is out of range [0, " + std::to_string(p[d]) +
                           ") of params dimension " + std::to_string(d));
        }
        from += v * strides[d];
      }
      if (slice != 0) std::memcpy(dst, params.raw() + static_cast<size_t>(from) * ElementSize(params.type), slice);
      dst += slice;
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeGatherNd() { return Make<GatherNd>(); }

}  // namespace litescope
