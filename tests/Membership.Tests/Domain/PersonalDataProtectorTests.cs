using System.Security.Cryptography;
using UnionPlatform.Kernel.Privacy;

namespace UnionPlatform.Membership.Tests.Domain;

public class PersonalDataProtectorTests
{
    private static PersonalDataOptions Options(string current, params string[] ids) => new()
    {
        CurrentKeyId = current,
        Keys = ids.ToDictionary(id => id, _ => PersonalDataProtector.NewKey()),
        HashKey = PersonalDataProtector.NewKey(),
    };

    [Fact]
    public void A_value_round_trips_and_its_stored_form_reveals_nothing_and_never_repeats()
    {
        var protector = new PersonalDataProtector(Options("k1", "k1"));
        const string id = "110105198001010059";
        var (first, second) = (protector.Protect(id), protector.Protect(id));
        Assert.NotEqual(first, second);              // fresh nonce each time
        Assert.DoesNotContain("1101", first);
        Assert.StartsWith("pd1:k1:", first);
        Assert.Equal(id, protector.Unprotect(first));
        Assert.Equal("张三 13800138000", protector.Unprotect(protector.Protect("张三 13800138000")));
    }

    [Fact]
    public void After_a_rotation_old_values_still_read_and_new_ones_use_the_new_key()
    {
        var old = Options("k1", "k1");
        var stored = new PersonalDataProtector(old).Protect("13800138000");
        var rotated = new PersonalDataOptions { CurrentKeyId = "k2", Keys = new(old.Keys) { ["k2"] = PersonalDataProtector.NewKey() }, HashKey = old.HashKey };
        var protector = new PersonalDataProtector(rotated);
        Assert.Equal("13800138000", protector.Unprotect(stored));
        Assert.Equal("k2", PersonalDataProtector.KeyIdOf(protector.Protect("13800138000")));
        Assert.Equal(new PersonalDataProtector(old).Hash("x"), protector.Hash("x")); // lookups survive a rotation
    }

    [Fact]
    public void A_tampered_value_or_one_moved_under_another_key_id_is_refused()
    {
        var options = Options("k1", "k1", "k2");
        var protector = new PersonalDataProtector(options);
        var stored = protector.Protect("13800138000");
        var bytes = Convert.FromBase64String(stored["pd1:k1:".Length..]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect("pd1:k1:" + Convert.ToBase64String(bytes)));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(stored.Replace("pd1:k1:", "pd1:k2:")));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(stored.Replace("pd1:k1:", "pd1:gone:")));
    }

    [Fact]
    public void The_keyed_hash_finds_equal_values_and_depends_on_the_hash_key()
    {
        var a = new PersonalDataProtector(Options("k1", "k1"));
        var b = new PersonalDataProtector(Options("k1", "k1"));
        Assert.Equal(a.Hash("110105198001010059"), a.Hash("110105198001010059"));
        Assert.NotEqual(a.Hash("110105198001010059"), a.Hash("110105198001010067"));
        Assert.NotEqual(a.Hash("110105198001010059"), b.Hash("110105198001010059"));
        Assert.Equal(32, a.Hash("x").Length);
    }

    [Fact]
    public void Missing_or_short_keys_are_refused_at_start()
    {
        Assert.Throws<InvalidOperationException>(() => new PersonalDataProtector(new PersonalDataOptions()));
        Assert.Throws<InvalidOperationException>(() => new PersonalDataProtector(new PersonalDataOptions
        {
            CurrentKeyId = "k1", Keys = { ["k1"] = Convert.ToBase64String(new byte[16]) }, HashKey = PersonalDataProtector.NewKey(),
        }));
        Assert.Throws<InvalidOperationException>(() => new PersonalDataProtector(Options("k9", "k1")));
    }
}
