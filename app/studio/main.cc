// litescope: the desktop workbench. Models named on the command line open in tabs.
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include "app/studio/main_window.h"
#include "app/studio/model_tab.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("Litescope"));
  QApplication::setOrganizationName(QStringLiteral("Litescope"));
  QApplication::setApplicationVersion(QStringLiteral(LITESCOPE_VERSION));
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Inspect, run, convert and quantize TensorFlow Lite models."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("models"), QStringLiteral("The .tflite files to open."), QStringLiteral("[models...]"));
  const QCommandLineOption overlay(QStringLiteral("overlay"), QStringLiteral("Colour the first model's nodes by this overlay JSON."),
                                   QStringLiteral("file"));
  parser.addOption(overlay);
  parser.process(app);
  litescope::MainWindow window;
  for (const QString& path : parser.positionalArguments()) {
    litescope::ModelTab* tab = window.OpenFile(path);
    if (parser.isSet(overlay) && path == parser.positionalArguments().front()) {
      QObject::connect(tab, &litescope::ModelTab::loaded, tab, [&window, tab, file = parser.value(overlay)] {
        if (litescope::Status s = tab->LoadOverlay(file); !s.ok())
          QMessageBox::warning(&window, QStringLiteral("Load overlay"), QString::fromStdString(s.message()));
      }, Qt::SingleShotConnection);
    }
  }
  window.show();
  return QApplication::exec();
}
