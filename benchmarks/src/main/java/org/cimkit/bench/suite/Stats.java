package org.cimkit.bench.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One reported number: repeated measurements, their median and spread, a target and a verdict. */
final class Stats {
    final String scenario;
    final String metric;
    final String unit;
    final List<Double> values = new ArrayList<>();
    String target = "";
    /** true when higher is better (throughput), false for times and sizes. */
    final boolean higherIsBetter;
    Double targetValue;
    String note = "";
    String status; // null = computed from target; else e.g. "skipped", "failed"

    Stats(String scenario, String metric, String unit, boolean higherIsBetter) {
        this.scenario = scenario;
        this.metric = metric;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    Stats target(String text, Double value) {
        this.target = text;
        this.targetValue = value;
        return this;
    }

    Stats add(double v) {
        values.add(v);
        return this;
    }

    double median() {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    String verdict() {
        if (status != null) {
            return status;
        }
        if (targetValue == null || values.isEmpty()) {
            return "";
        }
        double m = median();
        return (higherIsBetter ? m >= targetValue : m <= targetValue) ? "met" : "MISSED";
    }
}
