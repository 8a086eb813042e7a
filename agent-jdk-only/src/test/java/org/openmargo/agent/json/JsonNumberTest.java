package org.openmargo.agent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonNumberTest {

    @Test
    void unsignedLongValueExact_maxUint64_returnsAllOnes() {
        assertThat(new JsonNumber("18446744073709551615").unsignedLongValueExact()).isEqualTo(-1L);
        assertThat(JsonNumber.ofUnsigned(-1L).text()).isEqualTo("18446744073709551615");
        assertThat(new JsonNumber("-0").unsignedLongValueExact()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551616", "-1", "1.0", "1e2"})
    void unsignedLongValueExact_outOfRangeOrFraction_throwsArithmetic(String text) {
        assertThatThrownBy(() -> new JsonNumber(text).unsignedLongValueExact())
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void longValueExact_bounds_returnExactly() {
        assertThat(new JsonNumber("-9223372036854775808").longValueExact()).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonNumber.of(Long.MAX_VALUE).longValueExact()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> new JsonNumber("9223372036854775808").longValueExact())
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void decimal_fractionAndHugeExponent_exactOrArithmetic() {
        assertThat(new JsonNumber("1.50").decimal()).isEqualTo(new BigDecimal("1.50"));
        assertThat(new JsonNumber("1.0").isIntegral()).isFalse();
        assertThatThrownBy(() -> new JsonNumber("1e99999999999").decimal()).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "01", "1.", ".5", "1e", "+1", "NaN", "0x10", "1 "})
    void constructor_notJsonNumber_throwsIllegalArgument(String text) {
        assertThatThrownBy(() -> new JsonNumber(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
