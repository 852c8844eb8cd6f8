#!/usr/bin/perl
# Writes a tiny GeoIP database for the tests: perl write-test-mmdb.pl OUT.mmdb [city|country]
# city: MaxMind's GeoIP2-City layout; country: ip-location-db's country-only layout (a flat country_code).
use strict;
use warnings;
use utf8; # the names below are characters, written as UTF-8 strings
use MaxMind::DB::Writer::Tree;

my $layout = $ARGV[1] // 'city';
my %types = (
    city => 'map', country => 'map', subdivisions => ['array', 'map'], names => 'map',
    en => 'utf8_string', iso_code => 'utf8_string', geoname_id => 'uint32', country_code => 'utf8_string',
);
my $tree = MaxMind::DB::Writer::Tree->new(
    ip_version => 6, record_size => 24, database_type => $layout eq 'country' ? 'country' : 'GeoIP2-City', languages => ['en'],
    description => { en => 'QrAspire test database' }, map_key_type_callback => sub { $types{ $_[0] } },
    remove_reserved_networks => 0,
);
sub place {
    my ($country, $region, $city) = @_;
    return { country_code => $country } if $layout eq 'country';
    return {
        country => { iso_code => $country, names => { en => $country } },
        subdivisions => [ { names => { en => $region } } ],
        city => { names => { en => $city } },
    };
}
$tree->insert_network('81.2.69.0/24', place('GB', 'England', 'London'));
$tree->insert_network('89.160.20.0/24', place('SE', 'Östergötland County', 'Linköping'));
$tree->insert_network('216.160.83.0/24', place('US', 'Washington', 'Milton'));
$tree->insert_network('2a02:aa00::/32', place('CH', 'Zurich', 'Zürich'));
# A country without a city, as many real ranges are.
$tree->insert_network('175.16.199.0/24', $layout eq 'country' ? { country_code => 'CN' } : { country => { iso_code => 'CN', names => { en => 'China' } } });
# Private and documentation ranges with a country, as the real country-only database has them.
if ($layout eq 'country') {
    $tree->insert_network('192.168.0.0/16', { country_code => 'AU' });
    $tree->insert_network('198.51.100.0/24', { country_code => 'AU' });
}
open my $fh, '>:raw', $ARGV[0] or die "cannot write $ARGV[0]: $!";
$tree->write_tree($fh);
close $fh;
