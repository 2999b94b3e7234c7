// TensorFlow tensors as the converter holds them: TensorProto (Const values, attrs) and
// checkpoint entries become a TFLite type, a shape and little-endian C-order bytes.
//
//   Result<TfTensor> t = TensorFromProto(node.attr().at("value").tensor());
//   int id = graph.AddConstant(name, t->type, t->shape, std::move(t->bytes));
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "converter/frontends/tensorflow/proto/tf_graph.pb.h"
#include "converter/ir/graph.h"

namespace litescope {

struct TfTensor {
  tflite::TensorType type = tflite::TensorType_FLOAT32;
  ir::Dims shape;
  std::vector<uint8_t> bytes;
};

// The TFLite type of a TensorFlow DataType, or an Unsupported error naming the type.
Result<tflite::TensorType> TfTypeToTflite(int dtype);
std::string TfTypeName(int dtype);
size_t TfTypeSize(tflite::TensorType type);

// The dimensions of a shape (-1 for unknown ones); an error for an unknown rank or a dimension
// TFLite cannot hold.
Result<ir::Dims> DimsFromProto(const tfproto::TensorShapeProto& shape);
int64_t TfElementCount(const ir::Dims& dims);  // -1 if any dimension is unknown

// A TensorProto's value: tensor_content or the typed *_val lists (a single value fills the shape).
Result<TfTensor> TensorFromProto(const tfproto::TensorProto& proto);

}  // namespace litescope
