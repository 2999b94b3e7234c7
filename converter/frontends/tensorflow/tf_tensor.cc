#include "converter/frontends/tensorflow/tf_tensor.h"

#include <cstring>
#include <limits>

namespace litescope {
namespace {

using tfproto::DataType;

template <typename Out, typename List>
Status FillFrom(const List& list, int64_t count, std::vector<uint8_t>* bytes) {
  if (list.empty()) {
    bytes->assign(static_cast<size_t>(count) * sizeof(Out), 0);
    return Status::Ok();
  }
  if (list.size() != count && list.size() != 1)
    return InvalidArgument("the tensor holds " + std::to_string(list.size()) + " values for " + std::to_string(count) + " elements");
  bytes->resize(static_cast<size_t>(count) * sizeof(Out));
  for (int64_t i = 0; i < count; ++i) {
    // One value (or fewer than the shape needs) repeats the last one, as TensorFlow does.
    const Out v = static_cast<Out>(list[static_cast<int>(std::min<int64_t>(i, list.size() - 1))]);
    std::memcpy(bytes->data() + static_cast<size_t>(i) * sizeof(Out), &v, sizeof(Out));
  }
  return Status::Ok();
}

}  // namespace

Result<tflite::TensorType> TfTypeToTflite(int dtype) {
  switch (dtype % 100) {  // a _REF type (+100) holds the same values
    case tfproto::DT_FLOAT: return tflite::TensorType_FLOAT32;
    case tfproto::DT_DOUBLE: return tflite::TensorType_FLOAT64;
    case tfproto::DT_HALF: return tflite::TensorType_FLOAT16;
    case tfproto::DT_INT32: return tflite::TensorType_INT32;
    case tfproto::DT_INT64: return tflite::TensorType_INT64;
    case tfproto::DT_INT16: return tflite::TensorType_INT16;
    case tfproto::DT_INT8: return tflite::TensorType_INT8;
    case tfproto::DT_UINT8: return tflite::TensorType_UINT8;
    case tfproto::DT_UINT16: return tflite::TensorType_UINT16;
    case tfproto::DT_UINT32: return tflite::TensorType_UINT32;
    case tfproto::DT_UINT64: return tflite::TensorType_UINT64;
    case tfproto::DT_BOOL: return tflite::TensorType_BOOL;
    case tfproto::DT_STRING: return tflite::TensorType_STRING;
    default: return Unsupported("TensorFlow type " + TfTypeName(dtype) + " has no TFLite equivalent");
  }
}

std::string TfTypeName(int dtype) {
  if (tfproto::DataType_IsValid(dtype % 100)) return tfproto::DataType_Name(static_cast<DataType>(dtype % 100)) + (dtype >= 100 ? "_REF" : "");
  return "DataType(" + std::to_string(dtype) + ")";
}

size_t TfTypeSize(tflite::TensorType type) {
  switch (type) {
    case tflite::TensorType_FLOAT64: case tflite::TensorType_INT64: case tflite::TensorType_UINT64: return 8;
    case tflite::TensorType_FLOAT32: case tflite::TensorType_INT32: case tflite::TensorType_UINT32: return 4;
    case tflite::TensorType_FLOAT16: case tflite::TensorType_INT16: case tflite::TensorType_UINT16: return 2;
    case tflite::TensorType_STRING: return 0;
    default: return 1;
  }
}

Result<ir::Dims> DimsFromProto(const tfproto::TensorShapeProto& shape) {
  if (shape.unknown_rank()) return InvalidArgument("the shape has an unknown rank");
  ir::Dims dims;
  for (const auto& d : shape.dim()) {
    if (d.size() < -1 || d.size() > std::numeric_limits<int32_t>::max())
      return InvalidArgument("dimension " + std::to_string(d.size()) + " is out of range");
    dims.push_back(static_cast<int32_t>(d.size()));
  }
  return dims;
}

int64_t TfElementCount(const ir::Dims& dims) {
  int64_t n = 1;
  for (int32_t d : dims) {
    if (d < 0) return -1;
    n *= d;
    if (n > (int64_t{1} << 40)) return -1;
  }
  return n;
}

Result<TfTensor> TensorFromProto(const tfproto::TensorProto& proto) {
  TfTensor t;
  Result<tflite::TensorType> type = TfTypeToTflite(proto.dtype());
  if (!type.ok()) return type.status();
  t.type = *type;
  Result<ir::Dims> dims = DimsFromProto(proto.tensor_shape());
  if (!dims.ok()) return dims.status();
  t.shape = *dims;
  const int64_t count = TfElementCount(t.shape);
  if (count < 0) return InvalidArgument("a constant tensor has an unknown or too large shape");
  if (t.type == tflite::TensorType_STRING) return Unsupported("string constants are not supported");
  const size_t size = TfTypeSize(t.type);
  if (!proto.tensor_content().empty()) {
    if (proto.tensor_content().size() != static_cast<size_t>(count) * size)
      return InvalidArgument("tensor_content holds " + std::to_string(proto.tensor_content().size()) + " bytes, the shape needs " +
                             std::to_string(static_cast<size_t>(count) * size));
    t.bytes.assign(proto.tensor_content().begin(), proto.tensor_content().end());
    return t;
  }
  Status s = Status::Ok();
  switch (proto.dtype() % 100) {
    case tfproto::DT_FLOAT: s = FillFrom<float>(proto.float_val(), count, &t.bytes); break;
    case tfproto::DT_DOUBLE: s = FillFrom<double>(proto.double_val(), count, &t.bytes); break;
    case tfproto::DT_HALF: s = FillFrom<uint16_t>(proto.half_val(), count, &t.bytes); break;
    case tfproto::DT_INT32: s = FillFrom<int32_t>(proto.int_val(), count, &t.bytes); break;
    case tfproto::DT_INT16: case tfproto::DT_UINT16: s = FillFrom<int16_t>(proto.int_val(), count, &t.bytes); break;
    case tfproto::DT_INT8: case tfproto::DT_UINT8: s = FillFrom<int8_t>(proto.int_val(), count, &t.bytes); break;
    case tfproto::DT_INT64: s = FillFrom<int64_t>(proto.int64_val(), count, &t.bytes); break;
    case tfproto::DT_BOOL: s = FillFrom<uint8_t>(proto.bool_val(), count, &t.bytes); break;
    case tfproto::DT_UINT32: s = FillFrom<uint32_t>(proto.uint32_val(), count, &t.bytes); break;
    case tfproto::DT_UINT64: s = FillFrom<uint64_t>(proto.uint64_val(), count, &t.bytes); break;
    default: return Unsupported("constants of type " + TfTypeName(proto.dtype()) + " are not supported");
  }
  if (!s.ok()) return s;
  return t;
}

}  // namespace litescope
