// The reference for tests/tests/pattern_java.rs: java.util.regex's verdicts on probe strings.
//
// Protocol (UTF-8 lines). Every string travels as its code points in hex joined by ',' (the
// empty string is an empty field), so any Unicode, line terminators included, survives.
//   in, line 1:  code points        out, line 1:  their Character.getType, decimal, joined by ','
//   in, then:    pattern probe...   out, then:    per line, either "!" and Java's compile error,
//                (fields split by ' ')             or one character per probe: '1' find() matched,
//                                                  '0' it did not, 't' the step budget ran out,
//                                                  's' the stack overflowed, 'x' find() threw
//                                                  (a JDK bug: some class intersections compile
//                                                  but throw a NullPointerException here).
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.regex.Pattern;

public class PatternOracle {
    /** Character reads allowed per probe: catastrophic backtracking is reported, not waited for. */
    static final long BUDGET = 2_000_000;

    static final class OutOfBudget extends RuntimeException {
        OutOfBudget() { super(null, null, false, false); }
    }

    /** The probe as the matcher sees it, counting every character read against the budget. */
    static final class Budgeted implements CharSequence {
        final String text;
        long left = BUDGET;
        Budgeted(String text) { this.text = text; }
        public int length() { return text.length(); }
        public char charAt(int i) {
            if (--left < 0) throw new OutOfBudget();
            return text.charAt(i);
        }
        public CharSequence subSequence(int from, int to) { return text.subSequence(from, to); }
        public String toString() { return text; }
    }

    static String decode(String field) {
        StringBuilder text = new StringBuilder();
        if (!field.isEmpty()) for (String cp : field.split(",")) text.appendCodePoint(Integer.parseInt(cp, 16));
        return text.toString();
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        StringJoiner types = new StringJoiner(",");
        String cps = in.readLine();
        if (cps != null && !cps.isEmpty()) for (String cp : cps.split(",")) types.add(Integer.toString(Character.getType(Integer.parseInt(cp, 16))));
        out.println(types);
        for (String line; (line = in.readLine()) != null; ) {
            String[] fields = line.split(" ", -1);
            Pattern pattern;
            try {
                pattern = Pattern.compile(decode(fields[0]));
            } catch (RuntimeException | StackOverflowError e) {
                // Mostly PatternSyntaxException; anything else Java throws is a refusal too.
                out.println("!" + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                continue;
            }
            StringBuilder verdicts = new StringBuilder();
            for (int i = 1; i < fields.length; i++) {
                try {
                    verdicts.append(pattern.matcher(new Budgeted(decode(fields[i]))).find() ? '1' : '0');
                } catch (OutOfBudget e) {
                    verdicts.append('t');
                } catch (StackOverflowError e) {
                    verdicts.append('s');
                } catch (RuntimeException e) {
                    verdicts.append('x');
                }
            }
            out.println(verdicts);
        }
        out.flush();
    }
}
