// The values of one tensor as a table (flat index, coordinates, value, and the raw integer for
// quantized tensors), paged: views see 1,000 rows at first and fetch more as they scroll, so a
// tensor of millions of elements opens at once.
//
//   TensorValuesModel m(shape, dequantized_values, raw_values);
//   view->setModel(&m);
#pragma once

#include <QAbstractTableModel>
#include <cstdint>
#include <vector>

namespace litescope {

class TensorValuesModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  static constexpr int kPage = 1000;

  // `raw` is empty for tensors that are not quantized; otherwise it has values.size() entries.
  TensorValuesModel(std::vector<int32_t> shape, std::vector<double> values, std::vector<double> raw,
                    QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  bool canFetchMore(const QModelIndex& parent) const override;
  void fetchMore(const QModelIndex& parent) override;

 private:
  QString Coordinates(size_t flat) const;

  std::vector<int32_t> shape_;
  std::vector<double> values_;
  std::vector<double> raw_;
  int loaded_ = 0;
};

}  // namespace litescope
