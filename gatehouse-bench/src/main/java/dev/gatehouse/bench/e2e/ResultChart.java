package dev.gatehouse.bench.e2e;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** A PNG bar chart of requests/s per scenario, each bar labelled with its value (logins are tiny next to checks). */
public final class ResultChart {
    private ResultChart() {
    }

    public static void writePng(List<ScenarioResult> rows, String title, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (ScenarioResult r : rows) {
            if (!Double.isNaN(r.requestsPerSecond()) && r.requestsPerSecond() > 0) {
                names.add(r.scenario());
                values.add(r.requestsPerSecond());
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(800).title(title)
                .xAxisTitle("scenario").yAxisTitle("requests/s").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.addSeries("requests/s", names, values);
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(List.of(chart), 1, 1, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
