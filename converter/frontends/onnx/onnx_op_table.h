// The ONNX op table: ONNX op type -> the function that converts it (defined in the op-family
// files, onnx_<family>.cc). An op type not listed here is unsupported (or a CUSTOM op).
#pragma once

#include <string>
#include <vector>

#include "converter/frontends/onnx/onnx_importer.h"

namespace litescope {

using OnnxConverter = Status (*)(Importer&);

// Null for an op type the table does not claim.
OnnxConverter FindOnnxConverter(const std::string& op_type);
std::vector<std::string> OnnxClaimedOps();

// onnx_elementwise.cc
Status ConvertBinary(Importer& im);     // Add Sub Mul Div Pow Equal Less Greater ... And Or Xor
Status ConvertVariadic(Importer& im);   // Max Min Sum Mean
Status ConvertWhere(Importer& im);
Status ConvertMod(Importer& im);
// onnx_activation.cc
Status ConvertUnary(Importer& im);      // Relu Sigmoid Tanh Sqrt Exp Log Abs Neg Floor Ceil Not ...
Status ConvertLeakyRelu(Importer& im);
Status ConvertPRelu(Importer& im);
Status ConvertClip(Importer& im);
Status ConvertHardSigmoid(Importer& im);
Status ConvertElu(Importer& im);        // Elu Selu Celu
Status ConvertGelu(Importer& im);
Status ConvertErf(Importer& im);
Status ConvertSoftmax(Importer& im);    // Softmax LogSoftmax
Status ConvertSoftplus(Importer& im);   // Softplus Softsign
Status ConvertThresholdedRelu(Importer& im);
Status ConvertShrink(Importer& im);
Status ConvertIdentity(Importer& im);   // Identity Dropout
Status ConvertReciprocal(Importer& im);
// onnx_conv.cc
Status ConvertConv(Importer& im);
Status ConvertConvTranspose(Importer& im);
Status ConvertPool(Importer& im);       // MaxPool AveragePool GlobalAveragePool GlobalMaxPool
Status ConvertGemm(Importer& im);
Status ConvertMatMul(Importer& im);
Status ConvertEinsum(Importer& im);
// onnx_pool_nd.cc
// A pool window over n spatial dimensions.
struct PoolWindow {
  std::vector<int32_t> k, s, d, begin, end;
};
// Pools x ([N, C, spatial...] float, shape xs) as the maximum or the mean of its kernel's strided
// slices; a mean counts the padding only when include_pad.
int SlicedPool(Importer& im, int x, const ir::Dims& xs, const PoolWindow& w, bool is_max, bool include_pad);
Status ConvertPoolNd(Importer& im, int x, const ir::Dims& xs);  // rank-5 MaxPool / AveragePool
// onnx_normalization.cc
Status ConvertBatchNorm(Importer& im);
Status ConvertInstanceNorm(Importer& im);
Status ConvertLayerNorm(Importer& im);
Status ConvertLrn(Importer& im);
// onnx_reduce.cc
Status ConvertReduce(Importer& im);     // ReduceMean/Sum/Max/Min/Prod/L1/L2/LogSum/LogSumExp/SumSquare
Status ConvertArgMinMax(Importer& im);
Status ConvertCumSum(Importer& im);
// onnx_shape_ops.cc
Status ConvertReshape(Importer& im);
Status ConvertFlatten(Importer& im);
Status ConvertSqueeze(Importer& im);
Status ConvertUnsqueeze(Importer& im);
Status ConvertTranspose(Importer& im);
Status ConvertConcat(Importer& im);
Status ConvertSplit(Importer& im);
Status ConvertSlice(Importer& im);
Status ConvertExpand(Importer& im);
Status ConvertTile(Importer& im);
Status ConvertShape(Importer& im);
Status ConvertSize(Importer& im);
Status ConvertCast(Importer& im);       // Cast CastLike
Status ConvertConstant(Importer& im);
Status ConvertConstantOfShape(Importer& im);
Status ConvertRange(Importer& im);
Status ConvertTrilu(Importer& im);
// onnx_gather.cc
Status ConvertGather(Importer& im);
Status ConvertGatherElements(Importer& im);
Status ConvertGatherNd(Importer& im);
// onnx_recurrent.cc
Status ConvertLstm(Importer& im);
Status ConvertGru(Importer& im);
Status ConvertRnn(Importer& im);
// onnx_spatial.cc
Status ConvertPad(Importer& im);
Status ConvertResize(Importer& im);     // Resize Upsample
Status ConvertDepthToSpace(Importer& im);
Status ConvertSpaceToDepth(Importer& im);

}  // namespace litescope
